/**
 * Whether a container runtime (Docker, Podman, Colima…) is reachable, as testcontainers finds
 * one: DOCKER_HOST, the testcontainers config, the default sockets. Asked once per process.
 * @module
 */

export type ContainerRuntimeStatus = { readonly available: true; readonly description: string } | { readonly available: false; readonly reason: string };

let status: Promise<ContainerRuntimeStatus> | undefined;

/**
 * @example
 * ```ts
 * const runtime = await detectContainerRuntime();
 * if (!runtime.available) throw new Error(runtime.reason);
 * ```
 */
export function detectContainerRuntime(): Promise<ContainerRuntimeStatus> {
  status ??= (async () => {
    try {
      // Imported on use: testcontainers is big, and only this backend needs it.
      const { getContainerRuntimeClient } = await import('testcontainers');
      const client = await getContainerRuntimeClient();
      return { available: true, description: `${client.info.containerRuntime.operatingSystem} at ${client.info.containerRuntime.host}` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        available: false,
        reason: `no container runtime found (${message}). The containers backend needs Docker or Podman running (or DOCKER_HOST set); the embedded backend needs none: --backend embedded`,
      };
    }
  })();
  return status;
}
