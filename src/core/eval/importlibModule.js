import { importByName, moduleExists } from './imports';
import { PyException } from './errors';
import { NativeFunction, PyClass, PyDict, PyInstance, PyModule, PyTuple, Unknown } from './values';
/** The PyTorch release whose API the torch layer models (torch.__version__, importlib.metadata.version('torch')). */
export const modelledTorchVersion = '2.11.0';
function mod(name, entries) {
    const m = new PyModule(name);
    for (const [k, v] of Object.entries(entries))
        m.attrs.set(k, v);
    return m;
}
function exceptionClass(ip, name) {
    return new PyClass(name, [ip.builtins.get('Exception')], new Map());
}
/** A version as a named tuple (major, minor, micro, base_version): comparisons are tuple comparisons, as packaging's are. */
function parseVersion(v) {
    if (typeof v !== 'string')
        return new Unknown('version');
    const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
    if (!m)
        throw new PyException('InvalidVersion', `Invalid version: '${v}'`);
    const [major, minor, micro] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    // base_version last: two versions whose numbers are equal have equal base versions, so comparisons stay packaging's.
    return new PyTuple([major, minor, micro, `${major}.${minor}.${micro}`], ['major', 'minor', 'micro', 'base_version']);
}
export function registerImportlib(natives) {
    const specCls = (ip) => new PyClass('ModuleSpec', [ip.builtins.get('object')], new Map());
    natives.set('importlib.util', (ip) => {
        const cls = specCls(ip);
        return mod('importlib.util', {
            find_spec: new NativeFunction('find_spec', ([name]) => {
                if (typeof name !== 'string')
                    return new Unknown('find_spec');
                if (!moduleExists(ip, name))
                    return null;
                const spec = new PyInstance(cls);
                spec.attrs.set('name', name);
                return spec;
            }),
        });
    });
    natives.set('importlib.metadata', (ip) => {
        const notFound = exceptionClass(ip, 'PackageNotFoundError');
        return mod('importlib.metadata', {
            PackageNotFoundError: notFound,
            // No installed distributions' metadata is read: import names map to themselves.
            packages_distributions: new NativeFunction('packages_distributions', () => new PyDict()),
            version: new NativeFunction('version', ([name]) => {
                if (name === 'torch')
                    return modelledTorchVersion;
                throw new PyException('PackageNotFoundError', String(name));
            }),
        });
    });
    natives.set('importlib.machinery', () => mod('importlib.machinery', {}));
    natives.set('importlib', (ip) => {
        const m = mod('importlib', {
            import_module: new NativeFunction('import_module', ([name, pkg]) => {
                if (typeof name !== 'string')
                    return new Unknown('import_module');
                const found = importByName(ip, name, typeof pkg === 'string' ? pkg : undefined);
                if (!found)
                    throw new PyException('ModuleNotFoundError', `No module named '${name}'`);
                return found;
            }),
        });
        return m;
    });
    const versionModule = (ip) => mod('packaging.version', {
        parse: new NativeFunction('parse', ([v]) => parseVersion(v ?? null)),
        Version: new NativeFunction('Version', ([v]) => parseVersion(v ?? null)),
        InvalidVersion: exceptionClass(ip, 'InvalidVersion'),
    });
    natives.set('packaging.version', versionModule);
    natives.set('packaging', (ip) => mod('packaging', { version: versionModule(ip) }));
}
