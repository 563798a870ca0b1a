/// <reference lib="webworker" />
/** The training worker: a TrainingSession answering the page's messages. */
import './backends';
import { TrainingSession } from './session';
import { transferablesOf, type WorkerRequest, type WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new TrainingSession((message: WorkerResponse) =>
  scope.postMessage(message, transferablesOf(message)),
);
scope.onmessage = (event: MessageEvent<WorkerRequest>) => void session.handle(event.data);
