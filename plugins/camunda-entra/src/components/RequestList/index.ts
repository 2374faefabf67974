export { RequestList } from './RequestList';
