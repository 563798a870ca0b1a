import { useMemo } from 'react';
import type { RunInfo } from '../../training/protocol';
import { Thumbnail } from '../views/Thumbnail';
import { evalItemSound } from './itemSound';
import { importedItemSound, type ImportedSounds } from './importedSound';
import { SoundView } from './SoundView';

/**
 * The selected item of a run with sound, its three modalities side by side: the image, the caption, and
 * the sound (Play, spectrogram), with what the sound encodes in words. ShapeCaptions sounds are rebuilt
 * from the seed; an imported item's own sound is read from the imported pairs the page holds.
 */
export function SelectedSound({
  info,
  index,
  imported = null,
}: {
  info: RunInfo;
  index: number;
  /** The imported pairs the run trains on, when it does. */
  imported?: ImportedSounds | null;
}) {
  const sound = useMemo(
    () => evalItemSound(info, index) ?? importedItemSound(info, imported, index),
    [info, index, imported],
  );
  if (!sound) return null;
  const caption = info.evalSet.captions[index] ?? '';
  return (
    <div className="selected-sound" data-testid="selected-sound">
      <Thumbnail images={info.evalSet.images} index={index} scale={3} label={caption} />
      <div>
        <p>
          Item {index}: <q>{caption}</q>
        </p>
        <SoundView sound={sound} label={sound.description} />
        <p className="sound-words">Its sound: {sound.description}.</p>
      </div>
    </div>
  );
}
