package io.microdrops.analytics;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes each node's noted story page views every few seconds, and once more when the
 * application stops.
 */
@Component
class StoryViewFlushJob implements DisposableBean {

	private static final Log logger = LogFactory.getLog(StoryViewFlushJob.class);

	private final StoryViews views;

	StoryViewFlushJob(StoryViews views) {
		this.views = views;
	}

	@Scheduled(fixedDelayString = "${drops.analytics.views.flush-interval:PT5S}",
			initialDelayString = "${drops.analytics.views.flush-interval:PT5S}")
	void flush() {
		try {
			this.views.flush();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not write story page views; they are not counted", ex);
		}
	}

	@Override
	public void destroy() {
		flush();
	}

}
