/**
 * Which slot of the kept runs is this tab's. Two tabs open on the same page used to share one slot, so
 * the last to save won and a reload of the other showed the wrong run. Each tab now keeps its own slot,
 * named by an id held in sessionStorage (the tab's own, and it survives a reload of that tab); a new tab
 * goes on with the newest kept run. A duplicated tab copies sessionStorage too: a Web Lock held on the
 * id for the page's lifetime tells the copy that the id is taken, and it takes a new one.
 */
import { newId } from './db';

const KEY = 'multimodal-playground.tab';
/** A tab's slot is named like this; the one slot of earlier versions is 'current'. */
export const SLOT_PREFIX = 'tab:';
/** Kept runs beyond this many (the oldest first) are dropped when a tab opens. */
export const MAX_SLOTS = 4;

let resolved: Promise<string> | null = null;

/** This tab's slot, e.g. 'tab:3f2c…'. Resolved once per page. */
export function tabSlot(): Promise<string> {
  resolved ??= claim();
  return resolved;
}

function stored(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: a slot for this page only
  }
}

function remember(id: string): void {
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // The slot then lasts this page only: a reload goes on with the newest kept run instead.
  }
}

/** Holds a lock named after `id` while the page lives; false when another tab already holds it. */
async function hold(id: string): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return true;
  return new Promise<boolean>((resolve) => {
    void locks
      .request(`${KEY}:${id}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Never settles: the lock is released when the page goes.
        return lock ? new Promise<void>(() => undefined) : undefined;
      })
      .catch(() => resolve(true));
  });
}

/** On a reload the page before may hold the lock a moment longer: asked again before calling it taken. */
function holdSoon(id: string): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => void hold(id).then(resolve), 500));
}

async function claim(): Promise<string> {
  const mine = stored();
  if (mine && ((await hold(mine)) || (await holdSoon(mine)))) return SLOT_PREFIX + mine;
  const id = newId();
  remember(id);
  await hold(id);
  return SLOT_PREFIX + id;
}
