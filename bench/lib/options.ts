/** Options every section receives: how many runs, how long each, what to print along the way. */
export interface BenchOptions {
  /** Runs per figure (the median of these is reported). */
  runs: number;
  /** Shorter windows and fewer runs, for iterating on the bench itself. */
  quick: boolean;
  /** Frameworks registered in the app, trained by the throughput sections. */
  frameworks: string[];
  log: (line: string) => void;
}
