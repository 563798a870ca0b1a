/**
 * Whether this browser's WebGL runs on a software rasteriser (SwiftShader, llvmpipe). There, every WebGL
 * frame is read back to the CPU for compositing inside the main thread's commit, which costs more than
 * drawing a few thousand points with canvas 2D; with a GPU, WebGL is the faster renderer by far.
 */
let cached: boolean | null = null;

export function webglIsSoftware(): boolean {
  if (cached !== null) return cached;
  try {
    const gl =
      document.createElement('canvas').getContext('webgl2') ??
      document.createElement('canvas').getContext('webgl');
    if (!gl) return (cached = true);
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    cached = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
  } catch {
    cached = true;
  }
  return cached;
}
