import { ParseCache } from './parseCache';
import { beginAnalysis, buildWorld } from './session';
/**
 * rust-analyzer's AnalysisHost, in small: nothing module-level is mutable, every reusable state hangs off an Engine, and
 * an analysis sees the shared world only as it was built (what it writes there is undone before the next one).
 */
export class Engine {
    parses = new ParseCache();
    worlds = new Map();
    /** The world of the options' precision, prepared for one analysis. */
    session(opts) {
        let w = this.worlds.get(opts.precision);
        if (!w)
            this.worlds.set(opts.precision, (w = buildWorld(opts.precision, this.parses)));
        beginAnalysis(w, opts);
        return w;
    }
}
