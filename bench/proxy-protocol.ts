/** What the bench tells its delay proxy over IPC. */
export type ProxyCommand =
  | { type: 'set-delay'; ms: number }
  /** Forget what was recorded and record every request from now on. */
  | { type: 'start-recording' }
  /** Answer with what was recorded since `start-recording`, and stop recording. */
  | { type: 'take-recording' };

/** What the delay proxy tells the bench. */
export type ProxyReply =
  | { type: 'ready'; url: string }
  | { type: 'delay-set'; ms: number }
  | { type: 'recording-started' }
  | { type: 'recording'; requests: RecordedRequest[] };

export interface RecordedRequest {
  method: string;
  /** Path and query as the proxy received them. */
  url: string;
}
