import { useEffect, useRef, useState } from 'react';
import './sound.css';
import { drawSpectrogram, type SpectrogramData } from '../../plots/spectrogram';
import { pageAudioContext, playWaveform, type Playing } from './playback';

/** A sound as the page shows it: the samples to play and the spectrogram the encoder reads. */
export interface ItemSound {
  /** Mono samples in −1..1. */
  samples: Float32Array;
  /** Hz. */
  sampleRate: number;
  /** [frames, mels] log-mel features. */
  spectrogram: SpectrogramData;
}

/** CSS pixels per spectrogram cell: a 0.5–1 s sound of a few dozen frames and bins fills ~200 px. */
const CELL_PX = 4;

/**
 * One item's sound: a Play button (Web Audio) and its spectrogram, time left to right and pitch upwards,
 * drawn as the encoder sees it, so a student can hear and see what the model is given.
 */
export function SoundView({ sound, label }: { sound: ItemSound; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const playing = useRef<Playing | null>(null);
  const [state, setState] = useState<'idle' | 'playing' | 'unavailable'>('idle');
  const { spectrogram, samples, sampleRate } = sound;

  useEffect(() => {
    if (canvas.current) drawSpectrogram(canvas.current, spectrogram);
  }, [spectrogram]);
  // Leaving the item (or the page) stops its sound.
  useEffect(() => () => playing.current?.stop(), [sound]);

  const play = () => {
    const ctx = pageAudioContext();
    if (!ctx) {
      setState('unavailable');
      return;
    }
    const p = playWaveform(ctx, samples, sampleRate);
    playing.current = p;
    setState('playing');
    void p.ended.then(() => {
      if (playing.current === p) setState('idle');
    });
  };

  const seconds = samples.length / sampleRate;
  return (
    <figure className="sound-view" data-testid="sound-view">
      <button type="button" data-testid="play-sound" onClick={play} aria-label={`Play the sound: ${label}`}>
        {state === 'playing' ? '♪ Playing…' : '▶ Play sound'}
      </button>
      <canvas
        ref={canvas}
        className="spectrogram"
        data-testid="spectrogram"
        width={spectrogram.frames}
        height={spectrogram.mels}
        style={{ width: spectrogram.frames * CELL_PX, height: spectrogram.mels * CELL_PX }}
        role="img"
        aria-label={`Spectrogram of the sound: ${label}`}
      />
      <figcaption>
        Spectrogram: time → ({seconds.toFixed(2)} s), pitch ↑, brighter = louder.
        {state === 'unavailable' ? ' This browser cannot play sound (no Web Audio).' : ''}
      </figcaption>
    </figure>
  );
}
