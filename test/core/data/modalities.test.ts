import { describe, expect, it } from 'vitest';
import {
  modalityPairs,
  modalitySubsets,
  pairKey,
  pairModalities,
  parseModalities,
  subsetKey,
} from '../../../src/core/data/modalities';
import { defaultConfig, resolveConfig } from '../../../src/core/experiment/config';
import { decodeHash, encodeHash } from '../../../src/core/experiment/urlCodec';
import { parseFlags } from '../../../src/cli/flags';

describe('modalities', () => {
  it('reads a list in any order into the canonical spelling', () => {
    expect(parseModalities('audio, image')).toEqual({ value: 'image,audio' });
    expect(parseModalities('text,audio,image')).toEqual({ value: 'image,text,audio' });
  });

  it('says what is wrong with a bad list', () => {
    expect(parseModalities('image')).toEqual({
      error: 'modalities needs at least two of image, text, audio, got "image"',
    });
    expect(parseModalities('image,smell')).toEqual({
      error: 'modalities: unknown modality "smell" (choose from image, text, audio)',
    });
    expect(parseModalities('text,text')).toEqual({ error: 'modalities: text is named twice' });
  });

  it('keys pairs in canonical order, whichever way round they are given', () => {
    expect(pairKey('audio', 'image')).toBe('image-audio');
    expect(pairKey('text', 'audio')).toBe('text-audio');
    expect(pairModalities('image-audio')).toEqual(['image', 'audio']);
    expect(() => pairKey('text', 'text')).toThrow(/two different modalities/);
  });

  it('lists every pair and every input subset of a run', () => {
    expect(modalityPairs(['audio', 'text', 'image'])).toEqual(['image-text', 'image-audio', 'text-audio']);
    expect(modalityPairs(['image', 'text'])).toEqual(['image-text']);
    expect(modalitySubsets(['image', 'text', 'audio']).map(subsetKey)).toEqual([
      'image',
      'text',
      'audio',
      'image+text',
      'image+audio',
      'text+audio',
      'image+text+audio',
    ]);
  });

  it('is a setting: default image,text, canonical in configs, links and runner flags', () => {
    expect(defaultConfig().modalities).toBe('image,text');
    expect(encodeHash(defaultConfig())).toBe('');
    const { config, errors } = resolveConfig({ modalities: 'audio,text,image', audioEncoder: 'conv1d' });
    expect(errors).toEqual([]);
    expect(config.modalities).toBe('image,text,audio');
    expect(encodeHash(config)).toBe('#modalities=image%2Ctext%2Caudio&audioEncoder=conv1d');
    expect(decodeHash(encodeHash(config)).config).toEqual(config);
    const bad = resolveConfig({ modalities: 'audio' });
    expect(bad.config.modalities).toBe('image,text');
    expect(bad.errors).toEqual(['modalities needs at least two of image, text, audio, got "audio"']);
    expect(parseFlags(['--modalities', 'image,text,audio']).config.modalities).toBe('image,text,audio');
    expect(() => parseFlags(['--modalities', 'image,image'])).toThrow('modalities: image is named twice');
  });
});
