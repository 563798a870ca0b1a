import { useEffect, useRef, useState, type RefObject } from 'react';
import type { InspectRequest } from '../../core/frameworks/framework';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import type { RunInfo } from '../../training/protocol';
import { LiveInspection, type InspectionAnswer } from './liveInspection';

/** Whether an element is on screen (IntersectionObserver); false until first observed. */
export function useVisible(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => setVisible(entry?.isIntersecting ?? false));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return visible;
}

/**
 * The worker's inspection of `request` on the current weights, refreshed at every new snapshot of the
 * live run while the element `box` is visible (see LiveInspection for the throttling). Pass a request
 * that keeps its identity while unchanged (useMemo).
 */
export function useLiveInspection(
  request: InspectRequest | null,
  box: RefObject<HTMLElement | null>,
): InspectionAnswer | null {
  const c = useController();
  const info = useStore(c.run, (s) => s.info);
  /** Answers are kept with the run they belong to: a new run shows nothing until its first answer. */
  const [answer, setAnswer] = useState<{ run: RunInfo; answer: InspectionAnswer } | null>(null);
  const live = useRef<LiveInspection | null>(null);
  const visible = useVisible(box);
  // The live run's latest step (not a scrubbed one): generations are always made on the current weights.
  const step = useStore(c.run, (s) => s.snapshots[s.snapshots.length - 1]?.step ?? -1);
  useEffect(() => {
    if (!info) return;
    const l = new LiveInspection({
      send: (r) => c.inspect(r),
      onAnswer: (a) => setAnswer({ run: info, answer: a }),
    });
    live.current = l;
    return () => {
      l.dispose();
      live.current = null;
    };
  }, [c, info]);
  useEffect(() => live.current?.setRequest(request), [request, info]);
  useEffect(() => live.current?.refresh(), [step]);
  useEffect(() => live.current?.setActive(visible), [visible, info]);
  return answer && answer.run === info ? answer.answer : null;
}
