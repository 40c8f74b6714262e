import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';

/** Settings of the demo page, read apart from the gateway's so that the demo stays removable. */
export class DemoSettings {
  /**
   * Serves the demo page at /demo and its recommendation route. Off by default: with it on,
   * anyone holding an action token can read that action's recommendation without a bearer token.
   */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  DEMO_PAGE_ENABLED = false;
}
