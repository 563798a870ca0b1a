/**
 * The PyTorch templates bundled as text (Vite's `?raw`), for the page's export. The runner reads the
 * same files from disk (src/cli/exportTorch.ts); a test checks the two agree.
 */
import readme from './templates/README.md?raw';
import train from './templates/train.py?raw';
import frameworks from './templates/frameworks.py?raw';
import inputs from './templates/inputs.py?raw';
import model from './templates/model.py?raw';
import correlation from './templates/correlation.py?raw';
import linalg from './templates/linalg.py?raw';
import ccaMetrics from './templates/cca_metrics.py?raw';
import joint from './templates/joint.py?raw';
import encdec from './templates/encdec.py?raw';
import distributed from './templates/distributed.py?raw';
import data from './templates/data.py?raw';
import text from './templates/text.py?raw';
import metrics from './templates/metrics.py?raw';
import projector from './templates/projector.py?raw';
import rng from './templates/rng.py?raw';
import requirements from './templates/requirements.txt?raw';
import type { TorchTemplates } from './torchProject';

export const BUNDLED_TORCH_TEMPLATES: TorchTemplates = {
  'README.md': readme,
  'train.py': train,
  'frameworks.py': frameworks,
  'inputs.py': inputs,
  'model.py': model,
  'correlation.py': correlation,
  'linalg.py': linalg,
  'cca_metrics.py': ccaMetrics,
  'joint.py': joint,
  'encdec.py': encdec,
  'distributed.py': distributed,
  'data.py': data,
  'text.py': text,
  'metrics.py': metrics,
  'projector.py': projector,
  'rng.py': rng,
  'requirements.txt': requirements,
};
