import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { bulkWriteInChunks, Recommendation } from '@vigil/persistence';

/** Stores recommendations under their action id; writing one twice leaves one document. */
@Injectable()
export class RecommendationRepository {
  constructor(
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
  ) {}

  /**
   * Upserts a batch in as few round trips as the store allows. A replayed action keeps the recommendation first issued
   * for it, because an analyst may already have acted on that one.
   */
  async saveAll(recommendations: Recommendation[]): Promise<void> {
    if (recommendations.length === 0) {
      return;
    }
    const operations: AnyBulkWriteOperation<Recommendation>[] = recommendations.map((item) => ({
      updateOne: {
        filter: { _id: item._id },
        update: { $setOnInsert: item },
        upsert: true,
      },
    }));
    await bulkWriteInChunks(this.recommendations, operations, { ordered: true });
  }
}
