// The Engine owns every cache an analysis may reuse (parsed files, one interpreter world per precision); hosts hold one.
import type { AnalyzeOptions, Precision } from '../api/options';
import { ParseCache } from './parseCache';
import { beginAnalysis, buildWorld, type Session } from './session';

/**
 * rust-analyzer's AnalysisHost, in small: nothing module-level is mutable, every reusable state hangs off an Engine, and
 * an analysis sees the shared world only as it was built (what it writes there is undone before the next one).
 */
export class Engine {
  readonly parses = new ParseCache();
  private readonly worlds = new Map<Precision, Session>();

  /** The world of the options' precision, prepared for one analysis. */
  session(opts: AnalyzeOptions): Session {
    let w = this.worlds.get(opts.precision);
    if (!w) this.worlds.set(opts.precision, (w = buildWorld(opts.precision, this.parses)));
    beginAnalysis(w, opts);
    return w;
  }
}
