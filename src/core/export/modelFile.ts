/**
 * Trained weights as files: `model.json` in the layout of TF.js's tf.io model JSON (a `weightsManifest`
 * naming `weights.bin` and each weight's name, shape and dtype, as tf.io.encodeWeights writes them),
 * with the experiment config, the vocabulary and the step count in `userDefinedMetadata`, so a model can
 * be rebuilt exactly and its weights read back with tf.io.decodeWeights. A model that keeps state
 * besides its weights (FrameworkModel.state) lists it as further entries named 'state/…'; files
 * without them (saved before, or by a model without state) read the same way. Downloaded as one zip holding
 * both files; loaded back from that zip or from the two files picked together.
 */
import { unzipSync, zipSync } from 'fflate';
import { resolveConfig, type ExperimentConfig } from '../experiment/config';

export const MODEL_FILES = { json: 'model.json', weights: 'weights.bin' } as const;
export const MODEL_FORMAT = 'multimodal-playground-weights';

/** One weight of the manifest (tf.io's WeightsManifestEntry, float32 only). */
export interface WeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32';
}

/** A trained model's weights and everything needed to rebuild the model they fit. */
export interface ModelWeights {
  /** The weights in the order of `data`, then the model's state ('state/…'), if it keeps one. */
  readonly specs: WeightSpec[];
  /** Every weight's float32 values, concatenated in the order of `specs`. */
  readonly data: ArrayBuffer;
  readonly config: ExperimentConfig;
  /** The vocabulary the text encoder was built on (word i has index i). */
  readonly vocabulary: string[];
  /** Optimizer steps the weights were trained for. */
  readonly step: number;
  readonly datasetName: string;
  /** For imported data: the id of the stored dataset it was trained on. */
  readonly datasetId?: string;
}

const enc = new TextEncoder();

/** tf.io's model JSON for `weights` (the topology is the config: the model is rebuilt from it). */
export function modelJson(weights: ModelWeights): string {
  const { specs, config, vocabulary, step, datasetName, datasetId } = weights;
  return JSON.stringify({
    format: MODEL_FORMAT,
    generatedBy: 'Multimodal Playground',
    convertedBy: null,
    modelTopology: {
      framework: config.framework,
      loss: config.loss,
      rebuiltFrom: 'userDefinedMetadata.config',
    },
    weightsManifest: [{ paths: [MODEL_FILES.weights], weights: specs }],
    userDefinedMetadata: { config, vocabulary, step, datasetName, ...(datasetId ? { datasetId } : {}) },
  });
}

/** model.json and weights.bin zipped, ready to download. */
export function modelArchive(weights: ModelWeights): Uint8Array {
  return zipSync(
    {
      [MODEL_FILES.json]: enc.encode(modelJson(weights)),
      [MODEL_FILES.weights]: new Uint8Array(weights.data),
    },
    { level: 6 },
  );
}

const fail = (why: string): never => {
  throw new Error(`This is not a model saved by Multimodal Playground: ${why}.`);
};

/** Reads model.json and weights.bin back; throws an Error a user can read when they do not fit. */
export function parseModelFiles(jsonText: string, bin: Uint8Array): ModelWeights {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(jsonText) as Record<string, unknown>;
  } catch {
    return fail('model.json is not JSON');
  }
  if (!json || json.format !== MODEL_FORMAT)
    fail(`model.json has format ${JSON.stringify(json?.format ?? null)}`);
  const manifest = (json.weightsManifest as { weights?: unknown }[] | undefined)?.[0]?.weights;
  if (!Array.isArray(manifest)) return fail('model.json lists no weights');
  let floats = 0;
  const specs: WeightSpec[] = manifest.map((s: unknown) => {
    const spec = s as Partial<WeightSpec> | null;
    const shape = spec?.shape;
    if (typeof spec?.name !== 'string' || spec.dtype !== 'float32' || !Array.isArray(shape))
      fail('a weight entry is malformed');
    if (!shape!.every((d) => Number.isInteger(d) && d >= 0)) fail(`weight ${spec!.name} has a bad shape`);
    floats += shape!.reduce((a, b) => a * b, 1);
    return { name: spec!.name!, shape: [...shape!], dtype: 'float32' };
  });
  if (bin.length !== floats * 4)
    fail(`weights.bin holds ${bin.length} bytes, model.json needs ${floats * 4}`);
  const meta = json.userDefinedMetadata as Record<string, unknown> | undefined;
  const raw = meta?.config;
  if (!raw || typeof raw !== 'object') return fail('model.json has no config');
  const { config, errors } = resolveConfig(raw as Record<string, unknown>);
  if (errors.length) fail(`its settings are not understood (${errors.join('; ')})`);
  const vocabulary = meta.vocabulary;
  if (!Array.isArray(vocabulary) || !vocabulary.every((w) => typeof w === 'string'))
    fail('model.json has no vocabulary');
  const step = Number(meta.step);
  return {
    specs,
    data: bin.slice().buffer,
    config,
    vocabulary: vocabulary as string[],
    step: Number.isInteger(step) && step >= 0 ? step : 0,
    datasetName: typeof meta.datasetName === 'string' ? meta.datasetName.slice(0, 200) : 'unknown data',
    ...(typeof meta.datasetId === 'string' ? { datasetId: meta.datasetId.slice(0, 100) } : {}),
  };
}

/** A model from picked files: a zip holding model.json and weights.bin, or those two files themselves. */
export function readModelFiles(files: readonly { name: string; bytes: Uint8Array }[]): ModelWeights {
  const byName = new Map<string, Uint8Array>();
  for (const f of files) {
    if (/\.zip$/i.test(f.name)) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(f.bytes, { filter: (e) => /(^|\/)(model\.json|weights\.bin)$/.test(e.name) });
      } catch {
        return fail(`${f.name} is not a readable zip`);
      }
      for (const [path, bytes] of Object.entries(entries)) byName.set(path.split('/').pop()!, bytes);
    } else byName.set(f.name.split('/').pop()!, f.bytes);
  }
  const json = byName.get(MODEL_FILES.json);
  const bin = byName.get(MODEL_FILES.weights);
  if (!json || !bin) return fail('choose model.json together with weights.bin, or the zip that holds them');
  return parseModelFiles(new TextDecoder().decode(json), bin);
}
