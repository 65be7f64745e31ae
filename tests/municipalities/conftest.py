def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes seconds (imports the whole register)")
