export { EntityCamundaEntraContent } from './EntityCamundaEntraContent';
