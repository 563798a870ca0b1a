import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { CorrelationPanel } from './CorrelationPanel';

/** The current framework's own measurements and views, beside the charts every framework shares. */
export function FrameworkPanel() {
  const c = useController();
  const framework = useStore(c.run, (s) => s.config.framework as string);
  switch (framework) {
    case 'correlation':
      return <CorrelationPanel />;
    default:
      return null;
  }
}
