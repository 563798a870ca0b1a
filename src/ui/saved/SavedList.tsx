import { useState, type ReactNode } from 'react';

export interface SavedItem {
  id: string;
  name: string;
  /** One line under the name: sizes, step, date. */
  detail: string;
}

/** One group of the saved list, each item with Open and a two-step Delete (no blocking dialog). */
export function SavedGroup({
  title,
  kind,
  items,
  empty,
  onOpen,
  onDelete,
}: {
  title: string;
  kind: 'dataset' | 'settings' | 'weights';
  items: readonly SavedItem[];
  empty: ReactNode;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="saved-group">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul aria-label={title}>
          {items.map((item) => (
            <li key={item.id} data-testid={`saved-${kind}`} data-id={item.id}>
              <div className="saved-text">
                <span className="saved-name">{item.name}</span>
                <span className="saved-detail">{item.detail}</span>
              </div>
              <div className="saved-actions">
                <button
                  type="button"
                  className="secondary"
                  data-testid={`open-${kind}`}
                  aria-label={`Open ${kind} ${item.name}`}
                  onClick={() => onOpen(item.id)}
                >
                  Open
                </button>
                {confirming === item.id ? (
                  <button
                    type="button"
                    className="danger"
                    data-testid={`confirm-delete-${kind}`}
                    aria-label={`Really delete ${kind} ${item.name}`}
                    onClick={() => {
                      setConfirming(null);
                      onDelete(item.id);
                    }}
                    onBlur={() => setConfirming(null)}
                  >
                    Really delete?
                  </button>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    data-testid={`delete-${kind}`}
                    aria-label={`Delete ${kind} ${item.name}`}
                    onClick={() => setConfirming(item.id)}
                  >
                    Delete
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
