import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { CorrelationPanel } from './CorrelationPanel';
import { EncDecPanel } from './EncDecPanel';
import { JointPanel } from './JointPanel';

/** The current framework's own measurements and views, beside the charts every framework shares. */
export function FrameworkPanel() {
  const c = useController();
  const framework = useStore(c.run, (s) => s.config.framework);
  switch (framework) {
    case 'correlation':
      return <CorrelationPanel />;
    case 'joint':
      return <JointPanel />;
    case 'encdec':
      return <EncDecPanel />;
    default:
      return null;
  }
}
