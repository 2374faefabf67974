export { RequestNotifier } from './RequestNotifier';
