export { default } from './alpha/plugin';
export { camundaEntraApi } from './alpha/apis';
export { camundaEntraFleetPage, camundaEntraRequestsPage } from './alpha/pages';
export { camundaEntraEntityCard } from './alpha/entityCards';
export { camundaEntraEntityContent } from './alpha/entityContents';
