/**
 * Builds the PyTorch project of an experiment off the page: generating (or fetching) the dataset, encoding
 * its images as PNGs and zipping a few thousand files takes seconds, too long for the page's thread.
 */
import { zipSync } from 'fflate';
import { runDataset } from '../runData';
import { torchProjectFiles } from '../../core/export/torch/torchProject';
import { BUNDLED_TORCH_TEMPLATES } from '../../core/export/torch/bundledTemplates';
import type { TorchExportRequest, TorchExportResponse } from './protocol';

self.onmessage = async (event: MessageEvent<TorchExportRequest>) => {
  const { config, baseUrl } = event.data;
  let response: TorchExportResponse;
  try {
    const dataset = await runDataset(config, baseUrl, undefined);
    const files = torchProjectFiles({ config, dataset, templates: BUNDLED_TORCH_TEMPLATES });
    // PNGs are compressed already: storing them (level 0) keeps zipping fast and the zip no larger.
    const zip = zipSync(
      Object.fromEntries(
        Object.entries(files).map(([p, b]) => [
          `pytorch-project/${p}`,
          [b, { level: p.endsWith('.png') ? 0 : 6 }],
        ]),
      ),
    );
    response = { ok: true, zip, files: Object.keys(files).length };
  } catch (e) {
    response = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (response.ok) self.postMessage(response, { transfer: [response.zip.buffer] });
  else self.postMessage(response);
};
