import { describe, it, expect } from 'vitest';
import { playWaveform, type AudioContextLike } from '../../../src/ui/sound/playback';

/** A recording stand-in for AudioContext: what a real one would be asked to do. */
function fakeContext(state: AudioContextState = 'running') {
  const log: string[] = [];
  const sources: { onended: (() => void) | null; buffer: unknown }[] = [];
  const destination = {} as AudioDestinationNode;
  const ctx = {
    state,
    destination,
    resume: () => {
      log.push('resume');
      return Promise.resolve();
    },
    createBuffer: (channels: number, length: number, rate: number) => {
      log.push(`buffer ${channels}×${length} @${rate}`);
      return {
        getChannelData: (ch: number) => {
          const data = new Float32Array(length);
          return { set: (from: Float32Array) => log.push(`copy ${from.length} -> ${ch} of ${data.length}`) };
        },
      } as unknown as AudioBuffer;
    },
    createBufferSource: () => {
      const source = {
        buffer: null as unknown,
        onended: null as (() => void) | null,
        connect: (to: unknown) => log.push(to === destination ? 'connect destination' : 'connect ?'),
        start: () => log.push('start'),
        stop: () => {
          log.push('stop');
          source.onended?.();
        },
      };
      sources.push(source);
      return source as unknown as AudioBufferSourceNode;
    },
  } as unknown as AudioContextLike;
  return { ctx, log, sources };
}

describe('playWaveform', () => {
  it('copies the samples into a mono buffer at their rate, connects it to the speakers and starts it', async () => {
    const { ctx, log, sources } = fakeContext();
    const p = playWaveform(ctx, new Float32Array(8000), 16000);
    expect(log).toEqual(['buffer 1×8000 @16000', 'copy 8000 -> 0 of 8000', 'connect destination', 'start']);
    expect(sources[0].buffer).not.toBeNull();
    sources[0].onended?.();
    await expect(p.ended).resolves.toBeUndefined();
  });

  it('resumes a suspended context, and a new play stops the one before', () => {
    const { ctx, log } = fakeContext('suspended');
    playWaveform(ctx, new Float32Array(4), 16000);
    playWaveform(ctx, new Float32Array(4), 16000);
    expect(log.filter((l) => l === 'resume')).toHaveLength(2);
    expect(log.filter((l) => l === 'start')).toHaveLength(2);
    expect(log.filter((l) => l === 'stop')).toHaveLength(1);
  });

  it('refuses an empty sound with a clear message', () => {
    const { ctx } = fakeContext();
    expect(() => playWaveform(ctx, new Float32Array(0), 16000)).toThrow(/no samples/);
  });
});
