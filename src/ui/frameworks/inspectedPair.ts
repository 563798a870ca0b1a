import { useMemo, type RefObject } from 'react';
import type { Inspection } from '../../core/frameworks/framework';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { shownSnapshot } from '../../state/runState';
import { useLiveInspection } from './useLiveInspection';
import type { Modality } from '../../core/data/modalities';
import type { Condition } from '../../core/frameworks/joint/conditionNames';

/** Readable names of the input conditions of a joint code. */
export const CONDITION_LABELS = {
  both: 'image + caption',
  imageOnly: 'image only',
  textOnly: 'caption only',
} as const;

const MODALITY_NAMES: Record<Modality, string> = { image: 'image', text: 'caption', audio: 'sound' };

/**
 * The condition names of a joint evaluation: its conditions are the run's first pair and each of its
 * two modalities alone (image and sound in an image,audio run), named by `conditionModalities`.
 */
export function conditionLabels(pair?: readonly [Modality, Modality]): Record<Condition, string> {
  if (!pair) return CONDITION_LABELS;
  const [a, b] = pair.map((m) => MODALITY_NAMES[m]);
  return { both: `${a} + ${b}`, imageOnly: `${a} only`, textOnly: `${b} only` };
}

/** The condition names of the shown joint evaluation (image and caption before there is one). */
export function useConditionLabels(): Record<Condition, string> {
  const c = useController();
  const pair = useStore(c.run, (s) => {
    const extra = shownSnapshot(s)?.extra;
    return extra?.framework === 'joint' ? extra.joint.conditionModalities : undefined;
  });
  return conditionLabels(pair);
}

/**
 * The evaluation pair a framework view inspects (the selected one, else the first) and the live
 * inspection of it, with `captions` typed by the user, narrowed to the framework's kind.
 */
export function useInspectedPair<T extends Inspection>(
  kind: T['kind'],
  box: RefObject<HTMLElement | null>,
  captions?: readonly string[],
): { index: number; inspection: T | null; step: number | null } {
  const c = useController();
  const size = useStore(c.run, (s) => s.info?.evalSet.size ?? 0);
  const selected = useStore(c.selection, (s) => s.selected);
  const index = selected !== null && selected < size ? selected : 0;
  const captionKey = captions?.join('\n');
  const request = useMemo(
    () =>
      size > 0
        ? { pairs: [index], ...(captionKey !== undefined ? { captions: captionKey.split('\n') } : {}) }
        : null,
    [size, index, captionKey],
  );
  const answer = useLiveInspection(request, box);
  const inspection = answer?.inspection?.kind === kind ? (answer.inspection as T) : null;
  return { index, inspection, step: answer?.step ?? null };
}

/** Another pair to look at: the next one of the evaluation set, wrapping around. */
export function nextPair(index: number, size: number): number {
  return size > 0 ? (index + 1) % size : 0;
}
