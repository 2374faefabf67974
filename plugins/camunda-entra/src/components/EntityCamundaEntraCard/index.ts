export { EntityCamundaEntraCard } from './EntityCamundaEntraCard';
