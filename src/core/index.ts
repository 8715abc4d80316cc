// Public surface of the pure core: analyze() and the plain-data types every front end consumes.
export { analyze, checkSyntax } from './analyze';
export type * from './api/result';
export type * from './api/options';
export { defaultOptions } from './api/options';
