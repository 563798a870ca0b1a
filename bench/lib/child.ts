/** Child processes of the bench: a tsx script or a program whose stdout carries JSON lines. */
import { spawn } from 'node:child_process';

export interface ChildOptions {
  env?: Record<string, string | undefined>;
  /** Killed after this long; the lines printed so far are still returned. */
  timeoutMs?: number;
  /** Receives stderr lines (progress, warnings). */
  onStderr?: (line: string) => void;
}

/** Runs `command args`, returns every stdout line that parses as a JSON object, and the exit code. */
export function runJsonLines<T>(
  command: string,
  args: string[],
  options: ChildOptions = {},
): Promise<{ lines: T[]; code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: T[] = [];
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : null;
    const take = (text: string) => {
      for (const line of text.split('\n')) {
        const s = line.trim();
        if (!s.startsWith('{')) continue;
        try {
          lines.push(JSON.parse(s) as T);
        } catch {
          // a log line that merely starts with a brace
        }
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const cut = stdout.lastIndexOf('\n');
      if (cut >= 0) {
        take(stdout.slice(0, cut));
        stdout = stdout.slice(cut + 1);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      if (options.onStderr) text.split('\n').filter(Boolean).forEach(options.onStderr);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      take(stdout);
      resolve({ lines, code, stderr, timedOut });
    });
  });
}

/** The tsx binary of this checkout, so children run the same TypeScript loader as the bench. */
export const TSX = 'node_modules/.bin/tsx';
