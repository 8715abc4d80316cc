// Public surface of the pure core: analyze() and the plain-data types every front end consumes.
export { analyze, checkSyntax } from './analyze';
export { Engine } from './engine/engine';
export { languageOf, languages } from './pipeline/language';
export { supportedOps } from './engine/supported';
export { IR_VERSION } from './python/ir';
export { isIrModule } from './python/irSchema';
export { conventionNamed, conventionRules, conventions, defaultOptions, optimizers, precisions } from './api/options';
