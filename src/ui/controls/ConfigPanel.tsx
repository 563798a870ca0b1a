import { useId } from 'react';
import { CONFIG_KEYS, CONFIG_SPEC, type ConfigKey } from '../../core/experiment/config';
import { applies, optionLabel, type ParamSpec } from '../../core/experiment/paramSpec';
import { FRAMEWORK_LOSSES, type DatasetName } from '../../core/experiment/commonParams';
import { switchDataset } from '../../core/experiment/datasetPresets';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';

const GROUPS = [
  ['objective', 'Objective'],
  ['model', 'Model'],
  ['training', 'Training'],
  ['data', 'Data'],
] as const;

/** Every experiment setting as a labelled control, generated from the config's property table. */
export function ConfigPanel() {
  const c = useController();
  const config = useStore(c.run, (s) => s.config);
  const visible = CONFIG_KEYS.filter((k) => applies(CONFIG_SPEC[k] as ParamSpec, config));
  return (
    <form className="config-panel" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
      {GROUPS.map(([group, title]) => (
        <fieldset key={group}>
          <legend>{title}</legend>
          {visible
            .filter((k) => ((CONFIG_SPEC[k] as ParamSpec).group ?? 'training') === group)
            .map((key) => (
              <Setting
                key={key}
                name={key}
                value={config[key]}
                // A new dataset brings its recommended settings (datasetPresets.ts).
                onChange={(v) =>
                  c.updateConfig(key === 'dataset' ? switchDataset(config, v as DatasetName) : { [key]: v })
                }
                options={key === 'loss' ? FRAMEWORK_LOSSES[config.framework] : undefined}
              />
            ))}
        </fieldset>
      ))}
    </form>
  );
}

interface SettingProps {
  name: ConfigKey;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Overrides the enum's options (e.g. only the current framework's losses). */
  options?: readonly string[] | undefined;
}

function Setting({ name, value, onChange, options }: SettingProps) {
  const id = useId();
  const spec = CONFIG_SPEC[name] as ParamSpec;
  const testId = `config-${name}`;
  let control;
  if (spec.kind === 'enum') {
    control = (
      <select id={id} value={String(value)} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {(options ?? spec.options).map((o) => (
          // The plain name shows; the id (kept in the link) is the value.
          <option key={o} value={o}>
            {optionLabel(spec, o)}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={Boolean(value)}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else {
    control = (
      <input
        id={id}
        type="number"
        data-testid={testId}
        // Keyed by value: a rejected edit snaps back to the current setting.
        key={String(value)}
        defaultValue={String(value)}
        min={spec.min}
        max={spec.max}
        step={spec.kind === 'int' ? 1 : 'any'}
        onBlur={(e) => e.target.value !== String(value) && onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
      />
    );
  }
  return (
    <div className={`setting setting-${spec.kind}`}>
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
      {control}
    </div>
  );
}
