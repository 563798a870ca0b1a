/**
 * Decoding a sound file that is not WAV (MP3, Ogg, FLAC, AAC ... whatever this browser reads) on the UI
 * thread: decodeAudioData exists only there, not in workers, so the import worker sends such files here
 * and waits (WAV never comes: the worker parses it itself with wavefile). An OfflineAudioContext at 16 kHz
 * resamples as it decodes; the channels are then averaged to mono.
 */
import { AUDIO_SAMPLE_RATE } from '../../core/data/pairs';
import type { PageDecodedSound } from '../../core/audio/decodeWav';

export async function decodeSoundOnPage(bytes: Uint8Array): Promise<PageDecodedSound> {
  if (typeof OfflineAudioContext !== 'function') throw new Error('this browser has no Web Audio decoder');
  const context = new OfflineAudioContext(1, 1, AUDIO_SAMPLE_RATE);
  // decodeAudioData detaches the buffer it is given: hand it a copy.
  const buffer = await context.decodeAudioData(bytes.slice().buffer);
  const wave = new Float32Array(buffer.length);
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const channel = buffer.getChannelData(c);
    for (let i = 0; i < wave.length; i++) wave[i] += channel[i] / buffer.numberOfChannels;
  }
  // The file's own rate is not reported by decodeAudioData: 0 says so.
  return { wave, seconds: buffer.duration, sourceRate: 0 };
}
