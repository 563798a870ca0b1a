/** What the bench ran on, and how busy the machine was (others may share it). */
import os from 'node:os';
import type { MachineState } from './figures';

export function machineState(loadBefore: number, browser?: string): MachineState {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    loadBefore: round(loadBefore),
    loadAfter: round(os.loadavg()[0] ?? NaN),
    node: process.version,
    ...(browser ? { browser } : {}),
  };
}

export function currentLoad(): number {
  return os.loadavg()[0] ?? NaN;
}

const round = (v: number) => Math.round(v * 100) / 100;
