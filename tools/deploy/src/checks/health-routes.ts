import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { ServiceName } from '@polyshop/contracts';
import { HealthModule } from '@polyshop/service-runtime';
import { ROOT } from '../platform';

const joinPath = (...parts: string[]) =>
  `/${parts
    .map((part) => part.replace(/^\/|\/$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/**
 * The GET routes of the health endpoints every app serves, read from the routing metadata of
 * `HealthModule`'s controller (libs/service-runtime): what Nest will actually route.
 */
export function healthRoutes(): string[] {
  const controllers = HealthModule.forRoot({ indicators: [] }).controllers ?? [];
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .map((name) => prototype[name])
      .filter((handler): handler is object => typeof handler === 'function')
      .filter((handler) => Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.GET)
      .map((handler) => joinPath(base, String(Reflect.getMetadata(PATH_METADATA, handler))));
  });
}

/** Whether the app's root module mounts HealthModule (so that it serves those routes). */
export function mountsHealthModule(app: ServiceName): boolean {
  const source = readFileSync(join(ROOT, 'apps', app, 'src', 'app.module.ts'), 'utf8');
  return /\bHealthModule\.forRoot\(/.test(source);
}
