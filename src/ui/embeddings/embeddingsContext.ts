import { createContext, useContext } from 'react';
import { createEmbeddingsStore, type EmbeddingsStore } from '../../state/embeddings';

/** The page's embeddings store; tests provide their own. */
export const EmbeddingsContext = createContext<EmbeddingsStore>(createEmbeddingsStore());

export const useEmbeddings = (): EmbeddingsStore => useContext(EmbeddingsContext);
