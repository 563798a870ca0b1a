/**
 * Renderer memory as the operating system sees it: the resident set (VmRSS in /proc/<pid>/status) of
 * the largest Chromium renderer process started by this bench. A page's workers run inside its renderer,
 * so the figure includes the import, training and projection workers. Linux only; NaN elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
}

function readProc(pid: number): (Proc & { cmdline: string }) | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { pid, ppid: Number(fields[1]), cmdline };
  } catch {
    return null; // gone meanwhile
  }
}

/** The renderer processes descended from this Node process (other users' browsers are left out). */
function ourRenderers(): number[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
  const procs = pids.map(readProc).filter((p) => p !== null);
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const ours = new Set<number>();
  const queue = [process.pid];
  while (queue.length) {
    const pid = queue.pop()!;
    for (const c of children.get(pid) ?? []) {
      if (ours.has(c)) continue;
      ours.add(c);
      queue.push(c);
    }
  }
  return procs.filter((p) => ours.has(p.pid) && p.cmdline.includes('--type=renderer')).map((p) => p.pid);
}

/** Resident memory of the largest of this bench's renderers, in MB (10^6 bytes); NaN when none is found. */
export function largestRendererMB(): number {
  let largest = NaN;
  for (const pid of ourRenderers()) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) largest = Math.max(Number.isFinite(largest) ? largest : 0, (Number(kb) * 1024) / 1e6);
    } catch {
      // the process ended between listing and reading
    }
  }
  return largest;
}

/** Samples largestRendererMB every `ms` until stopped; `peak()` is the largest sample since `reset()`. */
export function memorySampler(ms = 250) {
  let peak = NaN;
  const sample = () => {
    const v = largestRendererMB();
    if (Number.isFinite(v)) peak = Number.isFinite(peak) ? Math.max(peak, v) : v;
  };
  const timer = setInterval(sample, ms);
  sample();
  return {
    peak: () => (sample(), peak),
    reset: () => {
      peak = NaN;
      sample();
    },
    stop: () => clearInterval(timer),
  };
}
