// Web-worker entry of the extension (VS Code for the Web): the shared activate(); no Node built-ins.
export { activate, deactivate } from './activate';
