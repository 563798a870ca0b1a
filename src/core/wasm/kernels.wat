;; Training kernels for TF.js's WASM backend, run on its own memory (imported, so tensors are read and
;; written where the backend keeps them: no copies). All pointers are byte offsets into that memory.
;;
;; Assembled by `npm run build:wasm-kernels` (scripts/buildWasmKernels.ts) into two binaries: SIMD, where
;; (MADD acc x y) is acc + x·y as a multiply then an add, and relaxed SIMD, where it is
;; f32x4.relaxed_madd (one fused multiply-add on hardware with FMA). Nothing else differs.
(module
  (import "env" "memory" (memory 1))

  ;; Adam's update of one variable in one pass, tf.train.adam's arithmetic operation for operation in
  ;; float32 (tfjs-core 4.22 adam_optimizer.ts), so the results are the same bit for bit:
  ;;   m' = m·β1 + g·(1−β1)      v' = v·β2 + g·g·(1−β2)
  ;;   w' = ((m'/(1−β1ᵗ)) / (sqrt(v'/(1−β2ᵗ)) + ε))·(−lr) + w
  ;; w, m, v, g: n floats each; wOut, mOut, vOut: n floats, written (none may overlap an input).
  (func (export "adam")
    (param $w i32) (param $m i32) (param $v i32) (param $g i32)
    (param $wOut i32) (param $mOut i32) (param $vOut i32) (param $n i32)
    (param $negLr f32) (param $beta1 f32) (param $oneMinusBeta1 f32) (param $beta2 f32)
    (param $oneMinusBeta2 f32) (param $epsilon f32) (param $oneMinusPower1 f32) (param $oneMinusPower2 f32)
    (local $at i32) (local $vectorEnd i32) (local $end i32)
    (local $g4 v128) (local $m4 v128) (local $v4 v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $vectorEnd (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vectorsDone
      (br_if $vectorsDone (i32.eqz (local.get $vectorEnd)))
      (loop $vectors
        (local.set $g4 (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $m4
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $at))) (f32x4.splat (local.get $beta1)))
            (f32x4.mul (local.get $g4) (f32x4.splat (local.get $oneMinusBeta1)))))
        (local.set $v4
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $at))) (f32x4.splat (local.get $beta2)))
            (f32x4.mul (f32x4.mul (local.get $g4) (local.get $g4)) (f32x4.splat (local.get $oneMinusBeta2)))))
        (v128.store (i32.add (local.get $mOut) (local.get $at)) (local.get $m4))
        (v128.store (i32.add (local.get $vOut) (local.get $at)) (local.get $v4))
        (v128.store (i32.add (local.get $wOut) (local.get $at))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $m4) (f32x4.splat (local.get $oneMinusPower1)))
                (f32x4.add
                  (f32x4.sqrt (f32x4.div (local.get $v4) (f32x4.splat (local.get $oneMinusPower2))))
                  (f32x4.splat (local.get $epsilon))))
              (f32x4.splat (local.get $negLr)))
            (v128.load (i32.add (local.get $w) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $vectorEnd)))))
    ;; The last n mod 4 elements, the same arithmetic on single floats.
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $at))))
        (local.set $ms
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m) (local.get $at))) (local.get $beta1))
            (f32.mul (local.get $gs) (local.get $oneMinusBeta1))))
        (local.set $vs
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $at))) (local.get $beta2))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $oneMinusBeta2))))
        (f32.store (i32.add (local.get $mOut) (local.get $at)) (local.get $ms))
        (f32.store (i32.add (local.get $vOut) (local.get $at)) (local.get $vs))
        (f32.store (i32.add (local.get $wOut) (local.get $at))
          (f32.add
            (f32.mul
              (f32.div
                (f32.div (local.get $ms) (local.get $oneMinusPower1))
                (f32.add
                  (f32.sqrt (f32.div (local.get $vs) (local.get $oneMinusPower2)))
                  (local.get $epsilon)))
              (local.get $negLr))
            (f32.load (i32.add (local.get $w) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $tail))))

  ;; c = a·b, row-major, with no packing of either operand (XNNPACK packs b anew whenever b is a new
  ;; tensor, as a weight is after every optimiser step). a: [rows, depth], b: [depth, cols],
  ;; c: [rows, cols] (written). cols must be a multiple of 8. Each output is summed in order of depth.
  ;;
  ;; Tiles of 4 rows × 8 columns keep 8 accumulators, 2 columns of b and one broadcast of a in 11 of the
  ;; 16 vector registers of x86-64. Depth is taken in blocks of 256, and rows in blocks of 32k floats of
  ;; a (128 kB), so that the block of a and the block's rows of b's 8-column strip stay in cache while
  ;; every tile of that strip uses them (a [64,3072] input and a [3072,64] transposed one alike).
  (func (export "matMul")
    (param $a i32) (param $b i32) (param $c i32) (param $rows i32) (param $depth i32) (param $cols i32)
    (local $rowA i32) (local $rowB i32) (local $k0 i32) (local $kEnd i32) (local $j i32) (local $i i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32) (local $pb i32) (local $pc i32)
    (local $paEnd i32) (local $i0 i32) (local $iEnd i32) (local $rowBlock i32)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $rowA (i32.shl (local.get $depth) (i32.const 2)))
    (local.set $rowB (i32.shl (local.get $cols) (i32.const 2)))
    (block $done
      (br_if $done (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))))
      (loop $depthBlocks
        (local.set $kEnd (i32.add (local.get $k0) (i32.const 256)))
        (if (i32.gt_u (local.get $kEnd) (local.get $depth)) (then (local.set $kEnd (local.get $depth))))
        ;; Rows per block: 32768 / depth block, a multiple of 4, at least 4.
        (local.set $rowBlock (i32.and
          (i32.div_u (i32.const 32768) (i32.sub (local.get $kEnd) (local.get $k0))) (i32.const -4)))
        (if (i32.lt_u (local.get $rowBlock) (i32.const 4)) (then (local.set $rowBlock (i32.const 4))))
        (local.set $i0 (i32.const 0))
        (loop $rowBlocks
        (local.set $iEnd (i32.add (local.get $i0) (local.get $rowBlock)))
        (if (i32.gt_u (local.get $iEnd) (local.get $rows)) (then (local.set $iEnd (local.get $rows))))
        (local.set $j (i32.const 0))
        (loop $strips
          (local.set $i (local.get $i0))
          ;; Four rows at a time.
          (block $quadsDone
            (loop $quads
              (br_if $quadsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $iEnd)))
              (local.set $pc (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $i) (local.get $rowB)) (i32.shl (local.get $j) (i32.const 2)))))
              (if (i32.eqz (local.get $k0))
                (then
                  (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
                  (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
                  (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
                  (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0)))
                (else
                  (local.set $c00 (v128.load (local.get $pc)))
                  (local.set $c01 (v128.load offset=16 (local.get $pc)))
                  (local.set $pb (i32.add (local.get $pc) (local.get $rowB)))
                  (local.set $c10 (v128.load (local.get $pb)))
                  (local.set $c11 (v128.load offset=16 (local.get $pb)))
                  (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                  (local.set $c20 (v128.load (local.get $pb)))
                  (local.set $c21 (v128.load offset=16 (local.get $pb)))
                  (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                  (local.set $c30 (v128.load (local.get $pb)))
                  (local.set $c31 (v128.load offset=16 (local.get $pb)))))
              (local.set $pa0 (i32.add (local.get $a)
                (i32.add (i32.mul (local.get $i) (local.get $rowA)) (i32.shl (local.get $k0) (i32.const 2)))))
              (local.set $pa1 (i32.add (local.get $pa0) (local.get $rowA)))
              (local.set $pa2 (i32.add (local.get $pa1) (local.get $rowA)))
              (local.set $pa3 (i32.add (local.get $pa2) (local.get $rowA)))
              (local.set $paEnd (i32.add (local.get $pa0)
                (i32.shl (i32.sub (local.get $kEnd) (local.get $k0)) (i32.const 2))))
              (local.set $pb (i32.add (local.get $b)
                (i32.add (i32.mul (local.get $k0) (local.get $rowB)) (i32.shl (local.get $j) (i32.const 2)))))
              (loop $inner
                (local.set $b0 (v128.load (local.get $pb)))
                (local.set $b1 (v128.load offset=16 (local.get $pb)))
                (local.set $s (v128.load32_splat (local.get $pa0)))
                (local.set $c00 (MADD (local.get $c00) (local.get $s) (local.get $b0)))
                (local.set $c01 (MADD (local.get $c01) (local.get $s) (local.get $b1)))
                (local.set $s (v128.load32_splat (local.get $pa1)))
                (local.set $c10 (MADD (local.get $c10) (local.get $s) (local.get $b0)))
                (local.set $c11 (MADD (local.get $c11) (local.get $s) (local.get $b1)))
                (local.set $s (v128.load32_splat (local.get $pa2)))
                (local.set $c20 (MADD (local.get $c20) (local.get $s) (local.get $b0)))
                (local.set $c21 (MADD (local.get $c21) (local.get $s) (local.get $b1)))
                (local.set $s (v128.load32_splat (local.get $pa3)))
                (local.set $c30 (MADD (local.get $c30) (local.get $s) (local.get $b0)))
                (local.set $c31 (MADD (local.get $c31) (local.get $s) (local.get $b1)))
                (local.set $pa0 (i32.add (local.get $pa0) (i32.const 4)))
                (local.set $pa1 (i32.add (local.get $pa1) (i32.const 4)))
                (local.set $pa2 (i32.add (local.get $pa2) (i32.const 4)))
                (local.set $pa3 (i32.add (local.get $pa3) (i32.const 4)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                (br_if $inner (i32.lt_u (local.get $pa0) (local.get $paEnd))))
              (v128.store (local.get $pc) (local.get $c00))
              (v128.store offset=16 (local.get $pc) (local.get $c01))
              (local.set $pc (i32.add (local.get $pc) (local.get $rowB)))
              (v128.store (local.get $pc) (local.get $c10))
              (v128.store offset=16 (local.get $pc) (local.get $c11))
              (local.set $pc (i32.add (local.get $pc) (local.get $rowB)))
              (v128.store (local.get $pc) (local.get $c20))
              (v128.store offset=16 (local.get $pc) (local.get $c21))
              (local.set $pc (i32.add (local.get $pc) (local.get $rowB)))
              (v128.store (local.get $pc) (local.get $c30))
              (v128.store offset=16 (local.get $pc) (local.get $c31))
              (local.set $i (i32.add (local.get $i) (i32.const 4)))
              (br $quads)))
          ;; The rows left over (rows mod 4), one at a time.
          (block $singlesDone
            (loop $singles
              (br_if $singlesDone (i32.ge_u (local.get $i) (local.get $iEnd)))
              (local.set $pc (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $i) (local.get $rowB)) (i32.shl (local.get $j) (i32.const 2)))))
              (if (i32.eqz (local.get $k0))
                (then
                  (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0)))
                (else
                  (local.set $c00 (v128.load (local.get $pc)))
                  (local.set $c01 (v128.load offset=16 (local.get $pc)))))
              (local.set $pa0 (i32.add (local.get $a)
                (i32.add (i32.mul (local.get $i) (local.get $rowA)) (i32.shl (local.get $k0) (i32.const 2)))))
              (local.set $paEnd (i32.add (local.get $pa0)
                (i32.shl (i32.sub (local.get $kEnd) (local.get $k0)) (i32.const 2))))
              (local.set $pb (i32.add (local.get $b)
                (i32.add (i32.mul (local.get $k0) (local.get $rowB)) (i32.shl (local.get $j) (i32.const 2)))))
              (loop $innerSingle
                (local.set $s (v128.load32_splat (local.get $pa0)))
                (local.set $c00 (MADD (local.get $c00) (local.get $s) (v128.load (local.get $pb))))
                (local.set $c01 (MADD (local.get $c01) (local.get $s) (v128.load offset=16 (local.get $pb))))
                (local.set $pa0 (i32.add (local.get $pa0) (i32.const 4)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                (br_if $innerSingle (i32.lt_u (local.get $pa0) (local.get $paEnd))))
              (v128.store (local.get $pc) (local.get $c00))
              (v128.store offset=16 (local.get $pc) (local.get $c01))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $singles)))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br_if $strips (i32.lt_u (local.get $j) (local.get $cols))))
        (local.set $i0 (local.get $iEnd))
        (br_if $rowBlocks (i32.lt_u (local.get $i0) (local.get $rows))))
        (local.set $k0 (local.get $kEnd))
        (br_if $depthBlocks (i32.lt_u (local.get $k0) (local.get $depth)))))))
