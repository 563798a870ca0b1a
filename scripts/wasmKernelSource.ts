/**
 * Turns the kernels' .wat source into its two binaries (see buildWasmKernels.ts): expands each
 * `(MADD acc x y)` for plain or relaxed SIMD, then assembles and validates with wabt.
 */
import initWabt from 'wabt';

export type MaddFlavour = 'simd' | 'relaxed';

/**
 * Replaces every `(MADD acc x y)` (three balanced s-expressions) by the flavour's instructions. Line
 * comments are dropped first, so the source's own description of MADD is not taken for a use of it.
 */
export function expandMadd(withComments: string, flavour: MaddFlavour): string {
  const source = withComments.replace(/;;.*$/gm, '');
  let out = '';
  let from = 0;
  for (;;) {
    const at = source.indexOf('(MADD ', from);
    if (at < 0) return out + source.slice(from);
    out += source.slice(from, at);
    let pos = at + '(MADD '.length;
    const args: string[] = [];
    while (args.length < 3) {
      while (source[pos] === ' ') pos++;
      const end = closingParen(source, pos);
      args.push(source.slice(pos, end + 1));
      pos = end + 1;
    }
    while (source[pos] === ' ') pos++;
    if (source[pos] !== ')') throw new Error(`MADD at offset ${at} does not have exactly three operands`);
    const [acc, x, y] = args;
    out +=
      flavour === 'simd'
        ? `(f32x4.add ${acc} (f32x4.mul ${x} ${y}))`
        : `(f32x4.relaxed_madd ${x} ${y} ${acc})`;
    from = pos + 1;
  }
}

function closingParen(s: string, open: number): number {
  if (s[open] !== '(') throw new Error(`expected '(' at offset ${open}`);
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced '(' at offset ${open}`);
}

export async function assembleKernels(source: string): Promise<{ simd: Uint8Array; relaxed: Uint8Array }> {
  const wabt = await initWabt();
  const assemble = (flavour: MaddFlavour): Uint8Array => {
    const module = wabt.parseWat(`kernels.${flavour}.wat`, expandMadd(source, flavour), {
      simd: true,
      relaxed_simd: flavour === 'relaxed',
    });
    try {
      module.validate();
      return new Uint8Array(module.toBinary({ log: false }).buffer);
    } finally {
      module.destroy();
    }
  };
  return { simd: assemble('simd'), relaxed: assemble('relaxed') };
}
