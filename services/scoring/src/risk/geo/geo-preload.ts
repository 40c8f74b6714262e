import { Injectable, OnModuleInit } from '@nestjs/common';
import { defaultAsnDatabase, defaultGeolocation, defaultTimeZones } from './default-geo';

/** Loads the geolocation and ASN databases and the time zone table at boot, not on the first action. */
@Injectable()
export class GeoPreload implements OnModuleInit {
  onModuleInit(): void {
    defaultGeolocation();
    defaultTimeZones();
    defaultAsnDatabase();
  }
}
