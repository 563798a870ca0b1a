import { hexToRgb, THEME } from '../theme';
import { interleavedOrder, pairLineIndices, STYLE_COUNT, styleColours } from './pointStyle';
import { sizeCanvas, type PointRenderer } from './pointRenderer';
import type { PixelTransform } from './scatterScales';
import { SQUARE_HALF_SIDE, TRIANGLE_CIRCUMRADIUS } from './markers';

/**
 * WebGL points: one draw call for all markers (gl.POINTS, shape cut out in the fragment shader from a
 * signed distance: circle for style 0/1, equal-area triangle for 2/3, equal-area square for 4/5), one
 * for the pair lines. Buffers
 * hold layout units and the layout-to-clip transform is a uniform, so panning or a domain change costs
 * nothing; positions are re-uploaded only when they change (during a glide, once per frame).
 * Works on WebGL2 or WebGL1 (GLSL ES 1.00 shaders).
 */

const POINT_VS = `
attribute vec2 a_pos;
attribute float a_style;
uniform vec4 u_clip;
uniform float u_spriteSize;
uniform vec4 u_colours[${STYLE_COUNT}];
varying vec4 v_colour;
varying float v_shape;
void main() {
  gl_Position = vec4(a_pos * u_clip.xy + u_clip.zw, 0.0, 1.0);
  gl_PointSize = u_spriteSize;
  int s = int(a_style + 0.5);
  for (int k = 0; k < ${STYLE_COUNT}; k++) if (k == s) v_colour = u_colours[k];
  v_shape = floor((a_style + 0.5) / 2.0);
}`;

// Distances in device pixels; 1 px of antialiasing at the edge. Output is premultiplied. (The sprite
// size has one uniform per stage: a uniform shared by both must have the same precision in each.)
const POINT_FS = `
precision mediump float;
varying vec4 v_colour;
varying float v_shape;
uniform float u_sprite;
uniform float u_radius;
float sdTriangle(vec2 p, float r) {
  const float k = 1.7320508;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}
void main() {
  vec2 p = (gl_PointCoord - 0.5) * u_sprite;
  p.y = -p.y;
  vec2 q = abs(p) - vec2(u_radius * ${SQUARE_HALF_SIDE.toFixed(6)});
  float d = v_shape < 0.5 ? length(p) - u_radius
    : v_shape < 1.5 ? sdTriangle(p, u_radius * ${((TRIANGLE_CIRCUMRADIUS * Math.sqrt(3)) / 2).toFixed(6)})
    : length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
  float a = clamp(0.5 - d, 0.0, 1.0) * v_colour.a;
  gl_FragColor = vec4(v_colour.rgb * a, a);
}`;

const LINE_VS = `
attribute vec2 a_pos;
uniform vec4 u_clip;
void main() { gl_Position = vec4(a_pos * u_clip.xy + u_clip.zw, 0.0, 1.0); }`;

const LINE_FS = `
precision mediump float;
uniform vec4 u_colour;
void main() { gl_FragColor = vec4(u_colour.rgb * u_colour.a, u_colour.a); }`;

/** Layout units to clip space for a canvas of width x height CSS px: [sx, sy, ox, oy]. */
export function clipTransform(t: PixelTransform, width: number, height: number): Float32Array {
  return Float32Array.from([
    (2 * t.ax) / width,
    (-2 * t.ay) / height,
    (2 * t.bx) / width - 1,
    1 - (2 * t.by) / height,
  ]);
}

/** Point sprite side in device px: holds the triangle's circumcircle plus the antialiasing pixel. */
export function spriteSize(pointSize: number, pixelRatio: number): number {
  return Math.ceil(pointSize * pixelRatio * TRIANGLE_CIRCUMRADIUS + 2);
}

function compile(gl: WebGLRenderingContext, vs: string, fs: string): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vs],
    [gl.FRAGMENT_SHADER, fs],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS))
      throw new Error(`Scatter shader: ${gl.getShaderInfoLog(shader)}`);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS))
    throw new Error(`Scatter program: ${gl.getProgramInfoLog(program)}`);
  return program;
}

/** A WebGL renderer on `canvas`, or null when WebGL is unavailable or fails to set up. */
export function createWebglRenderer(canvas: HTMLCanvasElement): PointRenderer | null {
  // No MSAA: the fragment shader antialiases each marker itself, and multisampling quadrupled the cost
  // of a frame under software rendering. The drawing buffer is kept so exports can read it any time.
  const attrs: WebGLContextAttributes = {
    antialias: false,
    premultipliedAlpha: true,
    alpha: true,
    preserveDrawingBuffer: true,
  };
  const gl = canvas.getContext('webgl2', attrs) ?? canvas.getContext('webgl', attrs);
  if (!gl) return null;
  const uint32 =
    typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext
      ? true
      : !!gl.getExtension('OES_element_index_uint');
  let points: WebGLProgram;
  let lines: WebGLProgram;
  try {
    points = compile(gl, POINT_VS, POINT_FS);
    lines = compile(gl, LINE_VS, LINE_FS);
  } catch (error) {
    // The caller falls back on canvas 2D; say why, since it is much slower for large layouts.
    console.warn('Scatter: WebGL unavailable, using canvas 2D.', error);
    return null;
  }
  const posBuffer = gl.createBuffer();
  const styleBuffer = gl.createBuffer();
  const orderBuffer = gl.createBuffer();
  const lineBuffer = gl.createBuffer();
  const loc = {
    pos: gl.getAttribLocation(points, 'a_pos'),
    style: gl.getAttribLocation(points, 'a_style'),
    clip: gl.getUniformLocation(points, 'u_clip'),
    sprite: gl.getUniformLocation(points, 'u_sprite'),
    spriteSize: gl.getUniformLocation(points, 'u_spriteSize'),
    radius: gl.getUniformLocation(points, 'u_radius'),
    colours: gl.getUniformLocation(points, 'u_colours'),
    linePos: gl.getAttribLocation(lines, 'a_pos'),
    lineClip: gl.getUniformLocation(lines, 'u_clip'),
    lineColour: gl.getUniformLocation(lines, 'u_colour'),
  };
  let uploadedPositions = -1;
  let uploadedStyles = -1;
  let indexedN = -1;
  let indexedGroups = -1;
  let lineCount = 0;
  const [lr, lg, lb] = hexToRgb(THEME.pairLine);

  return {
    kind: 'webgl',
    draw(frame) {
      sizeCanvas(canvas, frame.width, frame.height, frame.pixelRatio);
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      const groups = frame.groups ?? 2;
      const rows = groups * frame.n;
      if (rows === 0) return;
      const indexed = uint32 || rows <= 65536;
      if (uploadedPositions !== frame.positionsVersion) {
        gl.bindBuffer(gl.ARRAY_BUFFER, posBuffer);
        gl.bufferData(gl.ARRAY_BUFFER, frame.xy, gl.DYNAMIC_DRAW);
        uploadedPositions = frame.positionsVersion;
      }
      if (uploadedStyles !== frame.stylesVersion) {
        gl.bindBuffer(gl.ARRAY_BUFFER, styleBuffer);
        gl.bufferData(gl.ARRAY_BUFFER, frame.styles, gl.DYNAMIC_DRAW);
        uploadedStyles = frame.stylesVersion;
      }
      if (indexed && (indexedN !== frame.n || indexedGroups !== groups)) {
        const order = interleavedOrder(frame.n, groups);
        const lineRows = pairLineIndices(frame.n, groups);
        lineCount = lineRows.length;
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, orderBuffer);
        gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, uint32 ? order : Uint16Array.from(order), gl.STATIC_DRAW);
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, lineBuffer);
        gl.bufferData(
          gl.ELEMENT_ARRAY_BUFFER,
          uint32 ? lineRows : Uint16Array.from(lineRows),
          gl.STATIC_DRAW,
        );
        indexedN = frame.n;
        indexedGroups = groups;
      }
      const clip = clipTransform(frame.transform, frame.width, frame.height);
      const indexType = uint32 ? gl.UNSIGNED_INT : gl.UNSIGNED_SHORT;

      if (frame.pairLines && indexed) {
        gl.useProgram(lines);
        gl.bindBuffer(gl.ARRAY_BUFFER, posBuffer);
        gl.enableVertexAttribArray(loc.linePos);
        gl.vertexAttribPointer(loc.linePos, 2, gl.FLOAT, false, 0, 0);
        gl.uniform4fv(loc.lineClip, clip);
        gl.uniform4f(loc.lineColour, lr, lg, lb, frame.lineAlpha);
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, lineBuffer);
        gl.drawElements(gl.LINES, lineCount, indexType, 0);
      }

      gl.useProgram(points);
      gl.bindBuffer(gl.ARRAY_BUFFER, posBuffer);
      gl.enableVertexAttribArray(loc.pos);
      gl.vertexAttribPointer(loc.pos, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, styleBuffer);
      gl.enableVertexAttribArray(loc.style);
      gl.vertexAttribPointer(loc.style, 1, gl.UNSIGNED_BYTE, false, 0, 0);
      gl.uniform4fv(loc.clip, clip);
      gl.uniform1f(loc.sprite, spriteSize(frame.pointSize, frame.pixelRatio));
      gl.uniform1f(loc.spriteSize, spriteSize(frame.pointSize, frame.pixelRatio));
      gl.uniform1f(loc.radius, (frame.pointSize * frame.pixelRatio) / 2);
      gl.uniform4fv(loc.colours, styleColours(frame.alpha));
      if (indexed) {
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, orderBuffer);
        gl.drawElements(gl.POINTS, rows, indexType, 0);
      } else gl.drawArrays(gl.POINTS, 0, rows);
      gl.disableVertexAttribArray(loc.style);
    },
    destroy() {
      for (const b of [posBuffer, styleBuffer, orderBuffer, lineBuffer]) gl.deleteBuffer(b);
      gl.deleteProgram(points);
      gl.deleteProgram(lines);
    },
  };
}

/** The renderer to use: WebGL when asked for or available, else canvas 2D; null if neither exists. */
export function choosePointRenderer(
  canvas: HTMLCanvasElement,
  prefer: 'auto' | 'webgl' | 'canvas',
  createCanvas: (c: HTMLCanvasElement) => PointRenderer | null,
): PointRenderer | null {
  if (prefer !== 'canvas') {
    const gl = createWebglRenderer(canvas);
    if (gl) return gl;
  }
  return createCanvas(canvas);
}
