import type { AttributeSchema, PairDataset, PairSet } from '../data/pairs';
import { pairModalities, type PairKey } from '../data/modalities';
import type { HitKeys } from './pairMetrics';
import { SHAPE_CAPTIONS_SCHEMA } from '../data/shapes/attributes';
import { SOUND_ATTRIBUTES } from '../audio/shapeSound';

/**
 * The retrieval hit rule of a pair of modalities. A sound does not carry every attribute a picture or a
 * full caption does (ShapeCaptions' sound has no position), so asking it to retrieve the right position
 * would score what it cannot know: a pair with sound counts a hit when the items agree on every attribute
 * the sound carries (`soundAttributes`, names from the schema). Pairs without sound, and data without a
 * schema or a list of what the sound carries, keep the set's own keys (every attribute; or one item each).
 */
export function hitKeysFor(
  pair: PairKey,
  set: PairSet,
  schema: AttributeSchema | undefined,
  soundAttributes: readonly string[] | undefined,
): HitKeys {
  const withSound = pairModalities(pair).includes('audio');
  const { attributes } = set;
  if (!withSound || !schema || !attributes || !soundAttributes) return { keys: set.keys, rule: 'same key' };
  const columns = soundAttributes.map((name) => {
    const c = schema.names.indexOf(name);
    if (c < 0) throw new Error(`hitKeysFor: the sound carries '${name}', which the data's schema lacks`);
    return c;
  });
  const width = schema.names.length;
  const keys = Array.from({ length: set.size }, (_, i) =>
    columns.map((c) => attributes[i * width + c]).join('|'),
  );
  return { keys, rule: `same ${soundAttributes.join(', ')}` };
}

/**
 * The attributes a dataset's sound carries: `PairDataset.soundAttributes` when the data says, else for
 * ShapeCaptions with sound the generator's SOUND_ATTRIBUTES (shape, colour, size); undefined for data
 * whose sound is not described by attributes (own recordings: a hit is then the item's own key).
 */
export function soundAttributesOf(dataset: PairDataset): readonly string[] | undefined {
  if (dataset.soundAttributes) return dataset.soundAttributes;
  const shapes = dataset.schema?.names.join() === SHAPE_CAPTIONS_SCHEMA.names.join();
  return shapes && dataset.eval.audio ? SOUND_ATTRIBUTES : undefined;
}
