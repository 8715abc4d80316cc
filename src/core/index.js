// Public surface of the pure core: analyze() and the plain-data types every front end consumes.
export { analyze, checkSyntax } from './analyze';
export { defaultOptions } from './api/options';
