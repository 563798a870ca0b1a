/// <reference lib="webworker" />
/** The training worker: a TrainingSession answering the page's messages. */
import './backends';
import { TrainingSession } from './session';
import { transferablesOf, type WorkerRequest, type WorkerResponse } from './protocol';
import { activeGpuDevice } from './deviceFaults';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new TrainingSession((message: WorkerResponse) =>
  scope.postMessage(message, transferablesOf(message)),
);
scope.onmessage = (event: MessageEvent<WorkerRequest>) => void session.handle(event.data);

// For a debugger attached to the worker (the soak bench, the fault tests), never for the page: the
// tensors alive (the leak witness), and in builds made with VITE_FAULT_HOOKS=1 a WebGPU device loss.
Object.assign(scope, {
  playgroundDebug: {
    memory: () => TrainingSession.memory(),
    ...(import.meta.env.VITE_FAULT_HOOKS === '1' ? { loseDevice: () => activeGpuDevice()?.destroy() } : {}),
  },
});
