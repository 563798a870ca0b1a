#!/usr/bin/env bash
# WebGPU on a GPU machine, prepared here and run there (bench/GPU.md says what it measures).
#
#   bench/device/gpu.sh pack          here: bundles bench/device/gpuWebGpu.ts with Node, Dawn and the Vulkan
#                                     loader into .gpu-bench/ (about 35 MB, ignored by git)
#   bench/device/gpu.sh run [OUTDIR] [--frameworks coordinated --seconds 2]
#                                     there: runs every framework at batch 64, 256 and 1,024 and writes
#                                     OUTDIR/GPU.md (bench/GPU.md with its generated part replaced) and
#                                     OUTDIR/gpu-bench.jsonl; OUTDIR defaults to $OUT, else bench/
#
# The GPU machine needs nothing installed: a Node binary is carried when it has none, and Chromium's
# libvulkan.so.1 when its system has no Vulkan loader. Copy OUTDIR/GPU.md over bench/GPU.md afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
PACK=.gpu-bench

pack() {
  rm -rf "$PACK" && mkdir -p "$PACK/node_modules/webgpu/dist/linux-x64" "$PACK/lib"
  grep -qx "/$PACK/" .git/info/exclude 2>/dev/null || echo "/$PACK/" >>.git/info/exclude
  node_modules/.bin/esbuild bench/device/gpuWebGpu.ts --bundle --platform=node --format=esm \
    --target=node20 --external:webgpu --outfile="$PACK/gpu-bench.mjs" --log-level=warning \
    --banner:js="import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);"
  cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$PACK/node_modules/webgpu/"
  xz -T0 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node >"$PACK/dawn.node.xz"
  xz -T0 -6 -c "$(readlink -f "$(command -v node)")" >"$PACK/node.xz"
  cp /usr/lib/chromium/libvulkan.so.1 "$PACK/lib/"
  du -sh "$PACK"
}

run() {
  local out=${1:-${OUT:-bench}}
  shift || true
  mkdir -p "$out"
  local dawn=$PACK/node_modules/webgpu/dist/linux-x64/dawn.node
  [ -f "$dawn" ] || xz -dc "$PACK/dawn.node.xz" >"$dawn"
  local node=node
  if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    xz -dc "$PACK/node.xz" >/tmp/gpu-bench-node && chmod +x /tmp/gpu-bench-node
    node=/tmp/gpu-bench-node
  fi
  ldconfig -p 2>/dev/null | grep -q libvulkan.so.1 || export LD_LIBRARY_PATH="$PWD/$PACK/lib:${LD_LIBRARY_PATH:-}"
  # The NVIDIA Vulkan driver's manifest: where the container mounts it, else the system's
  # (VK_ICD_FILENAMES chooses another, e.g. SwiftShader's to try the script on a machine without a GPU).
  local icd
  for icd in ${VK_ICD_FILENAMES:-} /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
    /etc/vulkan/icd.d/nvidia_icd.json ""; do [ -z "$icd" ] || [ -f "$icd" ] && break; done
  [ -n "$icd" ] || { echo "no NVIDIA Vulkan driver manifest found" >&2; exit 1; }
  export VK_ICD_FILENAMES=$icd VK_DRIVER_FILES=$icd XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
  local machine
  machine=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1 |
    sed 's/, /, driver /') || machine=""
  cp bench/GPU.md "$out/GPU.md" 2>/dev/null || true
  BATCHES=${BATCHES:-64,256,1024} "$node" "$PACK/gpu-bench.mjs" --write "$out/GPU.md" \
    --machine "$machine" "$@" | tee "$out/gpu-bench.jsonl"
}

case "${1:-}" in
  pack) pack ;;
  run) shift && run "$@" ;;
  *) echo "usage: bench/device/gpu.sh pack | run [OUTDIR] [options of gpuWebGpu.ts]" >&2; exit 2 ;;
esac
