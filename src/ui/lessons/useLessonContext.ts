import { useMemo } from 'react';
import type { LessonContext, LessonRun } from '../../core/lessons/types';
import type { RunRecord } from '../../state/runs';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';

/** A kept run as lessons read it. */
export function lessonRun(record: RunRecord): LessonRun {
  return {
    id: record.id,
    config: record.config,
    status: record.status,
    history: record.history,
    ...(record.info ? { parameters: record.info.parameters } : {}),
  };
}

/** The share of the gallery a random guess gets right, averaged over queries: Σ_i count(key_i) / n². */
export function chanceOfKeys(keys: readonly string[]): number {
  const n = keys.length;
  if (n === 0) return 0;
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let sum = 0;
  for (const k of keys) sum += counts.get(k) ?? 0;
  return sum / (n * n);
}

/**
 * What the open lesson's checkpoints read: the runs of the queue it started (none before its start)
 * and the shown run when it is one of them.
 */
export function useLessonContext(queueId: number | null): LessonContext {
  const c = useController();
  const records = useStore(c.runs, (s) => s.records);
  const shownId = useStore(c.run, (s) => s.runId);
  const evalKeys = useStore(c.run, (s) => s.info?.evalSet.keys ?? null);
  const chanceR1 = useMemo(() => (evalKeys ? chanceOfKeys(evalKeys) : 0), [evalKeys]);
  return useMemo(() => {
    const runs = queueId === null ? [] : records.filter((r) => r.queue?.id === queueId).map(lessonRun);
    return {
      runs,
      current: runs.find((r) => r.id === shownId) ?? null,
      evalSize: evalKeys?.length ?? 0,
      chanceR1,
    };
  }, [records, queueId, shownId, evalKeys, chanceR1]);
}
