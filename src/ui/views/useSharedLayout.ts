import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ScatterView } from '../../plots/scatter/scatterView';
import type { ProjectionMethod } from '../../core/projection/projector';
import {
  createProjectionClient,
  ProjectionSuperseded,
  type ProjectionClient,
} from '../../training/projection/projectionClient';
import type { RunId, Snapshot } from '../../training/protocol';
import { codeRows, type CodePair } from './codePairs';
import { snapshotModalities, snapshotSize, stackModalities } from './modalityCodes';

/** What a layout shows: which run's codes, projected how. */
export interface LayoutKey {
  runId: RunId;
  method: ProjectionMethod;
  /** Pairs in the evaluation set. */
  n: number;
  codes: CodePair;
  /** The modalities laid out, block after block ('image,text,audio'). */
  blocks: string;
}

/**
 * Whether the layout of `next` may start from the layout shown (a warm refresh): only for the same run,
 * method, size and codes. Another run's layout is never a starting point: its points are not this run's.
 */
export function continuesLayout(shown: LayoutKey | null, next: LayoutKey): boolean {
  return (
    shown !== null &&
    shown.runId === next.runId &&
    shown.method === next.method &&
    shown.n === next.n &&
    shown.codes === next.codes &&
    shown.blocks === next.blocks
  );
}

export interface SharedLayoutState {
  /** Points drawn (m·n for m modalities), 0 while nothing of this run is laid out. */
  points: number;
  /** The training step of the codes drawn (null while nothing is). */
  step: number | null;
  /** Worker time of the last layout, ms. */
  layoutMs: number;
  /**
   * Set while a layout from scratch is computed: the share of it done (null before it reports), and
   * whether a quick layout is drawn meanwhile (the PCA start of a UMAP fit, then its frames as it settles).
   */
  computing: { progress: number | null; quick: boolean } | null;
  error: string | null;
}

const IDLE: SharedLayoutState = { points: 0, step: null, layoutMs: NaN, computing: null, error: null };

/**
 * Lays out each snapshot shown in a projection worker and hands the layouts to `view`. Each layout is
 * tagged with its run: when the run changes the view is cleared at once, what the worker was doing for
 * the old run is dropped, and a late layout of the old run is never drawn.
 */
export function useSharedLayout(
  view: RefObject<ScatterView | null>,
  runId: RunId,
  shown: Snapshot | null,
  method: ProjectionMethod,
  codes: CodePair,
): SharedLayoutState {
  const client = useRef<ProjectionClient | null>(null);
  const laidOut = useRef<LayoutKey | null>(null);
  /** The layout from scratch under way: later snapshots of the same key refresh warm from it. */
  const coldInFlight = useRef<LayoutKey | null>(null);
  const currentRun = useRef(runId);
  const [state, setState] = useState<SharedLayoutState>(IDLE);

  useEffect(() => {
    client.current = createProjectionClient();
    return () => {
      client.current?.dispose();
      client.current = null;
      laidOut.current = null;
      coldInFlight.current = null;
    };
  }, []);

  // A new run: nothing of the old one stays on screen, and its pending layouts are dropped.
  useEffect(() => {
    if (currentRun.current === runId) return;
    currentRun.current = runId;
    laidOut.current = null;
    coldInFlight.current = null;
    client.current?.restart();
    view.current?.clear();
    setState(IDLE);
  }, [runId, view]);

  useEffect(() => {
    const projector = client.current;
    // A snapshot of another run (none should be shown, but the store is not this hook's) is not drawn.
    if (!shown || !projector || shown.runId !== runId) return;
    // Image and caption codes: every modality of the run, one block each; a fused comparison: two blocks.
    const modalities =
      codes === 'image-text' ? snapshotModalities(shown) : ['image' as const, 'text' as const];
    const n = snapshotSize(shown);
    const key: LayoutKey = { runId, method, n, codes, blocks: modalities.join() };
    let data: Float32Array;
    try {
      data = codes === 'image-text' ? stackModalities(shown, modalities) : codeRows(shown, codes);
    } catch (e) {
      setState((s) => ({ ...s, computing: null, error: e instanceof Error ? e.message : String(e) }));
      return;
    }
    // Snapshots that come while a layout of the same points is fitted from scratch refresh from it: the
    // worker computes them after it, so the picture settles once instead of starting over.
    const warm = continuesLayout(laidOut.current, key) || continuesLayout(coldInFlight.current, key);
    const { step } = shown;
    const points = modalities.length * n;
    if (!warm) {
      coldInFlight.current = key;
      setState((s) => ({ ...s, computing: { progress: null, quick: false } }));
    }
    const onProgress = warm
      ? undefined
      : (progress: number, xy?: Float32Array) => {
          if (currentRun.current !== runId) return;
          // The fit so far (its quick PCA start, then frames as it settles) is drawn while it runs.
          if (xy) view.current?.setLayout(xy, n, performance.now());
          setState((s) =>
            s.computing
              ? {
                  ...s,
                  ...(xy ? { points, step } : {}),
                  computing: { progress, quick: s.computing.quick || xy !== undefined },
                }
              : s,
          );
        };
    const settled = () => {
      if (coldInFlight.current === key) coldInFlight.current = null;
    };
    projector.project(method, data, n, shown.dim, warm, onProgress).then(
      (xy) => {
        settled();
        if (currentRun.current !== key.runId) return;
        laidOut.current = key;
        view.current?.setLayout(xy, n, performance.now());
        setState({ points, step, layoutMs: projector.lastMs, computing: null, error: null });
      },
      (e: unknown) => {
        settled();
        if (e instanceof ProjectionSuperseded || currentRun.current !== key.runId) return;
        setState((s) => ({ ...s, computing: null, error: e instanceof Error ? e.message : String(e) }));
      },
    );
  }, [shown, runId, method, codes, view]);

  return state;
}
