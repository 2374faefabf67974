export { RequestReadAccess } from './RequestReadAccess';
