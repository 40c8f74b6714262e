import { Injectable, OnModuleInit } from '@nestjs/common';
import { defaultGeolocation, defaultTimeZones } from './default-geo';

/** Loads the geolocation database and the time zone table at boot, not on the first action. */
@Injectable()
export class GeoPreload implements OnModuleInit {
  onModuleInit(): void {
    defaultGeolocation();
    defaultTimeZones();
  }
}
