// Desktop (Node) entry of the extension: the shared activate().
export { activate, deactivate } from './activate';
