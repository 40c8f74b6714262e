import { Injectable } from '@nestjs/common';
import { KeyedSerialQueue } from './keyed-serial-queue';

/** The queue that orders this process's writes to each tenant's document and rules. */
@Injectable()
export class TenantWrites extends KeyedSerialQueue {}
