/**
 * The modalities a run learns from, and the pairs of them its metrics are measured on. The canonical
 * order is image, text, audio: a list of modalities is always written in it ('image,text,audio'), and a
 * pair key names its modalities in it ('image-audio', never 'audio-image'), so the `a2b` direction of a
 * pair's retrieval means the same thing in the app, the link and the runner's JSON.
 */
export const MODALITIES = ['image', 'text', 'audio'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Two modalities joined in canonical order: 'image-text', 'image-audio', 'text-audio'. */
export type PairKey = `${Modality}-${Modality}`;

/** The setting's default: the playground's two original modalities. */
export const DEFAULT_MODALITIES = 'image,text';

/** Every list the `modalities` setting accepts, written canonically (at least two modalities). */
export const MODALITY_LISTS = ['image,text', 'image,audio', 'text,audio', 'image,text,audio'] as const;
export type ModalityList = (typeof MODALITY_LISTS)[number];

export function isModality(name: string): name is Modality {
  return (MODALITIES as readonly string[]).includes(name);
}

/** Sorts modalities into canonical order (image, text, audio). */
export function canonicalOrder(list: readonly Modality[]): Modality[] {
  return [...list].sort((a, b) => MODALITIES.indexOf(a) - MODALITIES.indexOf(b));
}

/**
 * Reads a comma-separated list of modality names in any order ('audio, image') into its canonical
 * string ('image,audio'), or says what is wrong: an unknown name, a repeated one, fewer than two.
 */
export function parseModalities(raw: string): { value: ModalityList } | { error: string } {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !isModality(n));
  if (unknown.length > 0)
    return {
      error: `modalities: unknown modality ${unknown.map((n) => JSON.stringify(n.slice(0, 20))).join(', ')} (choose from ${MODALITIES.join(', ')})`,
    };
  const list = names as Modality[];
  const repeated = list.filter((n, i) => list.indexOf(n) !== i);
  if (repeated.length > 0) return { error: `modalities: ${repeated[0]} is named twice` };
  if (list.length < 2)
    return {
      error: `modalities needs at least two of ${MODALITIES.join(', ')}, got ${JSON.stringify(raw.slice(0, 40))}`,
    };
  return { value: canonicalOrder(list).join(',') as ModalityList };
}

/** The modalities of a canonical list string: 'image,text,audio' -> ['image', 'text', 'audio']. */
export function modalitiesOf(list: string): Modality[] {
  const parsed = parseModalities(list);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.value.split(',') as Modality[];
}

/** The key of a pair, its modalities in canonical order whichever way round they are given. */
export function pairKey(a: Modality, b: Modality): PairKey {
  if (a === b) throw new Error(`pairKey: a pair needs two different modalities, got ${a} twice`);
  const [first, second] = canonicalOrder([a, b]);
  return `${first}-${second}`;
}

/** The two modalities of a pair key, in its order: 'image-audio' -> ['image', 'audio']. */
export function pairModalities(key: PairKey): [Modality, Modality] {
  const [a, b] = key.split('-') as [Modality, Modality];
  return [a, b];
}

/**
 * Every pair of the given modalities, in canonical order: image,text,audio -> image-text, image-audio,
 * text-audio (n(n−1)/2 pairs).
 */
export function modalityPairs(list: readonly Modality[]): PairKey[] {
  const ordered = canonicalOrder(list);
  const out: PairKey[] = [];
  for (let i = 0; i < ordered.length; i++)
    for (let j = i + 1; j < ordered.length; j++) out.push(pairKey(ordered[i], ordered[j]));
  return out;
}

/**
 * Every non-empty subset of the modalities, named as the joint framework's accuracy report keys them:
 * modalities joined by '+' in canonical order ('image', 'image+audio', 'image+text+audio'); singles first,
 * then pairs, then larger sets.
 */
export function modalitySubsets(list: readonly Modality[]): Modality[][] {
  const ordered = canonicalOrder(list);
  const out: Modality[][] = [];
  for (let mask = 1; mask < 1 << ordered.length; mask++) out.push(ordered.filter((_, i) => mask & (1 << i)));
  return out.sort((a, b) => a.length - b.length);
}

/** The key of an input subset: ['image', 'audio'] -> 'image+audio'. */
export function subsetKey(list: readonly Modality[]): string {
  return canonicalOrder(list).join('+');
}
