"""gongkai: the 政务公开 work platform."""
